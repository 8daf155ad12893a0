CREATE TABLE "installation_secret" (
	"id" integer PRIMARY KEY NOT NULL,
	"secret" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "installation_secret_one_row" CHECK ("installation_secret"."id" = 1)
);

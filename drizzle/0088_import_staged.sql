CREATE TABLE "import_staged" (
	"import_id" uuid NOT NULL,
	"row" integer NOT NULL,
	"external_key" text NOT NULL,
	"fingerprint" text NOT NULL,
	"record" jsonb NOT NULL,
	CONSTRAINT "import_staged_import_id_row_pk" PRIMARY KEY("import_id","row")
);
--> statement-breakpoint
ALTER TABLE "import_staged" ADD CONSTRAINT "import_staged_import_id_import_jobs_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."import_jobs"("id") ON DELETE cascade ON UPDATE no action;
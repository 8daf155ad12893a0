-- hand-edited: staged rows of the JSON shape cannot fill the typed columns; they are only a shortcut, so they go
-- (a run in flight finds none and reads its file again).
DELETE FROM "import_staged";--> statement-breakpoint
ALTER TABLE "import_staged" ADD COLUMN "new_id" uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "import_staged" ADD COLUMN "name" text NOT NULL;--> statement-breakpoint
ALTER TABLE "import_staged" ADD COLUMN "kind" text NOT NULL;--> statement-breakpoint
ALTER TABLE "import_staged" ADD COLUMN "tier" text NOT NULL;--> statement-breakpoint
ALTER TABLE "import_staged" ADD COLUMN "birthday" date;--> statement-breakpoint
ALTER TABLE "import_staged" ADD COLUMN "preferred_language" text NOT NULL;--> statement-breakpoint
ALTER TABLE "import_staged" ADD COLUMN "preferred_channel" text NOT NULL;--> statement-breakpoint
ALTER TABLE "import_staged" ADD COLUMN "consent_to_contact" boolean NOT NULL;--> statement-breakpoint
ALTER TABLE "import_staged" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "import_staged" ADD COLUMN "notes" text;--> statement-breakpoint
ALTER TABLE "import_staged" ADD COLUMN "phones" text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "import_staged" ADD COLUMN "address_label" text;--> statement-breakpoint
ALTER TABLE "import_staged" ADD COLUMN "province" text;--> statement-breakpoint
ALTER TABLE "import_staged" ADD COLUMN "city" text;--> statement-breakpoint
ALTER TABLE "import_staged" ADD COLUMN "district" text;--> statement-breakpoint
ALTER TABLE "import_staged" ADD COLUMN "street" text;--> statement-breakpoint
ALTER TABLE "import_staged" ADD COLUMN "postal_code" text;--> statement-breakpoint
ALTER TABLE "import_staged" ADD COLUMN "lat" double precision;--> statement-breakpoint
ALTER TABLE "import_staged" ADD COLUMN "lng" double precision;
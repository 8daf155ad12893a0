-- A technician who was inactive has left; the status replaces the flag.
UPDATE "technicians" SET "status" = 'left' WHERE NOT "active";--> statement-breakpoint
ALTER TABLE "technicians" DROP COLUMN "active";
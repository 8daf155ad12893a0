-- Hand-written: drizzle-kit has no notion of unlogged tables (its snapshot does not change).
-- The dry run's staged rows are working copies of the uploaded file's checked rows, written once and
-- read once: unlogged, their writes and the run's clearing of them skip the write-ahead log. After a
-- crash of the server (or on a replica) the table is empty, and a run whose staged rows are gone reads
-- its file again from its checkpoint, as it always could.
ALTER TABLE "import_staged" SET UNLOGGED;

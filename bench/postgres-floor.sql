-- PostgreSQL's own floor for loading the 10M dataset (docs/BENCHMARKS.md, "Bulk import into PostgreSQL"): the four
-- large tables reloaded by one transaction from binary COPY files on the server's disk, with no client, with the plan
-- Qudao's import follows (foreign keys and natural-key indexes dropped, rows copied, indexes built and keys checked
-- again), in binary format with FREEZE into tables truncated in the same transaction. Run it on a cluster started with
-- `-c wal_level=minimal -c max_wal_senders=0` (so the copied rows skip the WAL), in a database a Qudao import filled,
-- after writing the files as the server's user (a folder it can write, here /tmp/pgx):
--
--     for t in orders order_lines shipments inventory_snapshots; do
--         psql -d DB -c "COPY $t TO '/tmp/pgx/$t.bin' (FORMAT binary)"
--     done
--     psql -d DB -f bench/postgres-floor.sql
--
-- It ends with ROLLBACK, so the database is left as it was.
\timing on
BEGIN;
SET LOCAL maintenance_work_mem = '512MB';
SET LOCAL work_mem = '256MB';
TRUNCATE orders, order_lines, shipments, inventory_snapshots, feedback, complaints;
ALTER TABLE order_lines DROP CONSTRAINT order_lines_order_id_fkey, DROP CONSTRAINT order_lines_product_id_fkey, DROP CONSTRAINT order_lines_pkey;
ALTER TABLE shipments DROP CONSTRAINT shipments_order_id_fkey, DROP CONSTRAINT shipments_pkey;
DROP INDEX shipments_natural_key;
ALTER TABLE inventory_snapshots DROP CONSTRAINT inventory_snapshots_product_id_fkey, DROP CONSTRAINT inventory_snapshots_pkey;
DROP INDEX inventory_snapshots_natural_key;
ALTER TABLE orders DROP CONSTRAINT orders_outlet_id_fkey, DROP CONSTRAINT orders_partner_id_fkey;
DROP INDEX orders_natural_key;
COPY orders FROM '/tmp/pgx/orders.bin' (FORMAT binary, FREEZE);
COPY order_lines FROM '/tmp/pgx/order_lines.bin' (FORMAT binary, FREEZE);
COPY shipments FROM '/tmp/pgx/shipments.bin' (FORMAT binary, FREEZE);
COPY inventory_snapshots FROM '/tmp/pgx/inventory_snapshots.bin' (FORMAT binary, FREEZE);
ANALYZE orders; ANALYZE order_lines; ANALYZE shipments; ANALYZE inventory_snapshots;
CREATE UNIQUE INDEX orders_natural_key ON orders(order_id);
ALTER TABLE orders ADD CONSTRAINT orders_outlet_id_fkey FOREIGN KEY (outlet_id) REFERENCES outlets(id), ADD CONSTRAINT orders_partner_id_fkey FOREIGN KEY (partner_id) REFERENCES partners(id);
ALTER TABLE order_lines ADD CONSTRAINT order_lines_pkey PRIMARY KEY (order_id, line_no);
ALTER TABLE order_lines ADD CONSTRAINT order_lines_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders(id), ADD CONSTRAINT order_lines_product_id_fkey FOREIGN KEY (product_id) REFERENCES products(id);
ALTER TABLE shipments ADD CONSTRAINT shipments_pkey PRIMARY KEY (id);
CREATE UNIQUE INDEX shipments_natural_key ON shipments(shipment_id);
ALTER TABLE shipments ADD CONSTRAINT shipments_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders(id);
ALTER TABLE inventory_snapshots ADD CONSTRAINT inventory_snapshots_pkey PRIMARY KEY (id);
CREATE UNIQUE INDEX inventory_snapshots_natural_key ON inventory_snapshots(location_id, snapshot_date, product_id);
ALTER TABLE inventory_snapshots ADD CONSTRAINT inventory_snapshots_product_id_fkey FOREIGN KEY (product_id) REFERENCES products(id);
ROLLBACK;

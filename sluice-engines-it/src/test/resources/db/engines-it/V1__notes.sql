-- A trivial first migration: proves Flyway runs against the development PostgreSQL (scripts/engines/postgres.sh).
CREATE TABLE note (
    id   BIGINT PRIMARY KEY,
    body TEXT   NOT NULL
);

/**
 * Function metadata in a relational database over JDBC: SQLite (WAL) in a data directory today,
 * PostgreSQL with the same Flyway migrations ({@code db/migration/common}) for cluster mode.
 */
package dev.nimbus.store.sql;

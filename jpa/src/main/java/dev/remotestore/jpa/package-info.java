/**
 * Jakarta Persistence for remote-store ({@code docs/jpa.md}): {@link dev.remotestore.jpa.StoredObject}, the blob
 * table's metadata as a read-only entity; {@link dev.remotestore.jpa.NamedQuerySource}, named native queries as keys
 * of a query store; {@link dev.remotestore.jpa.StoreKey} and {@link dev.remotestore.jpa.StoreKeyConverter} for
 * entity attributes that hold keys; {@link dev.remotestore.jpa.EntityContent} and
 * {@link dev.remotestore.jpa.BoundDataSource}, content that commits, rolls back and is deleted with its entity's
 * transaction; {@link dev.remotestore.jpa.OrphanFinder}, content no entity references.
 *
 * <p>Hibernate ORM is optional: only {@code HibernateSupport} (package-private) uses its classes, for transaction
 * callbacks, named-query definitions and post-commit listeners; {@code StoredObject} carries two of its annotations,
 * which other providers ignore.
 */
package dev.remotestore.jpa;

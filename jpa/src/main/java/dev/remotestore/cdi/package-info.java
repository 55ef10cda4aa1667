/**
 * {@code Store} beans for a plain Jakarta CDI application configured with MicroProfile Config
 * ({@code remote-store.*}): see {@link dev.remotestore.cdi.RemoteStoreExtension}. Quarkus applications use the
 * Quarkus extension ({@code remote-store-quarkus}) instead.
 */
package dev.remotestore.cdi;

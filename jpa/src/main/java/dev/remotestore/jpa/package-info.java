/** JPA integration of remote-store. */
package dev.remotestore.jpa;

package dev.remotestore.s3;

import dev.remotestore.Store;
import dev.remotestore.testkit.StoreConformanceTest;

/** The whole Store contract on {@link S3Backend}, against S3Proxy (or the configured endpoint). */
class S3ConformanceTest extends StoreConformanceTest {
    @Override
    protected Store createStore() {
        return Store.of(S3TestServer.backend().build());
    }

    /** An ETag is no SHA-256. */
    @Override
    protected boolean keepsDigest() {
        return false;
    }

    /** User metadata is not listed by S3 and lower-cases names: WriteOption.extra is not kept. */
    @Override
    protected boolean keepsExtra() {
        return false;
    }
}

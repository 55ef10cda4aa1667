/**
 * The conformance kit: the Store contract of {@code docs/spec/store-contract.md} as JUnit 5 tests.
 *
 * <p>To run it against your own backend, add the test-jar ({@code dev.remotestore:remote-store-core}, type
 * {@code test-jar}, scope {@code test}; it needs {@code junit-jupiter} and {@code assertj-core} on the test class
 * path), subclass {@link dev.remotestore.testkit.StoreConformanceTest} and return a new, empty store from
 * {@code createStore()}. Each test names the rule it checks; tests that need a capability your backend lacks
 * are skipped with the reason, and quirks (no content types, no digests, a content size limit) are declared
 * once by overriding the kit's flag methods.
 */
package dev.remotestore.testkit;

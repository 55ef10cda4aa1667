package dev.remotestore.testkit;

import dev.remotestore.Capability;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a conformance test only when the backend under test offers every listed capability; otherwise the kit
 * skips it with the reason "backend lacks capability X".
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(CapabilityCondition.class)
public @interface RequiresCapability {
    /** The capabilities the test needs. */
    Capability[] value() default {};

    /**
     * Whether the test puts its files in place with {@link StoreConformanceTest#seed}; it then runs only where
     * the kit can seed ({@link StoreConformanceTest#canSeed()}), which read-only backends provide by overriding
     * {@code seed}.
     */
    boolean seeds() default false;
}

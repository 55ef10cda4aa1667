package dev.remotestore.testkit;

import dev.remotestore.Capability;
import dev.remotestore.CapabilitySet;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.TestAbortedException;

/** Evaluates {@link RequiresCapability} against the capabilities of the backend under test. */
public final class CapabilityCondition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        var annotation =
                context.getElement().flatMap(e -> AnnotationSupport.findAnnotation(e, RequiresCapability.class));
        if (annotation.isEmpty() || context.getTestInstance().isEmpty()) {
            return ConditionEvaluationResult.enabled("no capability required");
        }
        Object instance = context.getTestInstance().get();
        if (!(instance instanceof StoreConformanceTest)) {
            return ConditionEvaluationResult.enabled("not a conformance test");
        }
        StoreConformanceTest kit = (StoreConformanceTest) instance;
        CapabilitySet offered;
        try {
            offered = kit.kitCapabilities();
        } catch (TestAbortedException e) {
            // building the store skipped it (a database that is not there): skip, do not error
            return ConditionEvaluationResult.disabled(e.getMessage());
        }
        if (annotation.get().seeds() && !kit.canSeed()) {
            return ConditionEvaluationResult.disabled(
                    "the kit cannot seed files into this backend (it lacks WRITE and seed() is not overridden)");
        }
        for (Capability needed : annotation.get().value()) {
            if (!offered.contains(needed)) {
                return ConditionEvaluationResult.disabled("backend lacks capability " + needed);
            }
        }
        return ConditionEvaluationResult.enabled("backend offers " + offered);
    }
}

package dev.remotestore.quarkus.deployment;

import dev.remotestore.sql.QuerySource;
import io.quarkus.builder.BuildChainBuilder;
import io.quarkus.builder.BuildContext;
import io.quarkus.builder.BuildStep;
import io.quarkus.builder.item.BuildItem;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Build steps that stand in for the integrations plugging into the extension's seams. Anonymous classes, not lambdas:
 * a QuarkusUnitTest's class is loaded again by the application's class loader, where a build step's body must not be
 * resolved (a lambda's body is verified with its class). Add this class to the application archive.
 */
final class BuildSteps {
    private BuildSteps() {}

    /** A step that hands in the named queries of {@code source} for the store {@code store}. */
    static Consumer<BuildChainBuilder> namedQueries(String store, Supplier<QuerySource> source) {
        return new Consumer<>() {
            @Override
            public void accept(BuildChainBuilder chain) {
                produce(chain, RemoteStoreQuerySourceBuildItem.class, new Supplier<>() {
                    @Override
                    public BuildItem get() {
                        return new RemoteStoreQuerySourceBuildItem(store, source);
                    }
                });
            }
        };
    }

    /** A step that declares the schema of {@code dataSource} managed by {@code tool}. */
    static Consumer<BuildChainBuilder> managedSchema(String dataSource, String tool) {
        return new Consumer<>() {
            @Override
            public void accept(BuildChainBuilder chain) {
                produce(chain, ManagedSchemaBuildItem.class, new Supplier<>() {
                    @Override
                    public BuildItem get() {
                        return new ManagedSchemaBuildItem(dataSource, tool);
                    }
                });
            }
        };
    }

    private static void produce(BuildChainBuilder chain, Class<? extends BuildItem> type, Supplier<BuildItem> item) {
        chain.addBuildStep(new BuildStep() {
                    @Override
                    public void execute(BuildContext context) {
                        context.produce(item.get());
                    }
                })
                .produces(type)
                .build();
    }
}

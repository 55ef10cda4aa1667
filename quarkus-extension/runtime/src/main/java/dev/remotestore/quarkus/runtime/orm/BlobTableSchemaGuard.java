package dev.remotestore.quarkus.runtime.orm;

import dev.remotestore.jpa.StoredObject;
import java.util.Set;
import java.util.StringJoiner;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Table;
import org.hibernate.tool.schema.Action;
import org.hibernate.tool.schema.spi.SchemaManagementToolCoordinator.ActionGrouping;
import org.jboss.logging.Logger;

/**
 * Keeps Hibernate ORM's schema management (create, drop-and-create, update, drop…) away from the blob table of
 * {@link StoredObject}: the entity does not map the {@code data} column, so a table Hibernate created from it would
 * be no blob table ({@code SqlBlobBackend} refuses it), and a drop would delete the stored content. Where a
 * persistence unit maps the entity and its schema action is anything but {@code none} or {@code validate}, the
 * entity reads its table through a sub-select of its own columns, which every schema tool of Hibernate leaves
 * alone; the table then comes from the migrations ({@code CreateBlobTable}) or the store's {@code create-table}.
 * With {@code validate} (or no action) nothing changes, and Hibernate validates the table as it is.
 *
 * <p>Registered as a Hibernate {@link Integrator} (a service of this jar, which Quarkus' Hibernate ORM extension
 * reads); it runs while a session factory is built, before the schema action and before the entity's persister
 * exists. Stateless.
 */
public final class BlobTableSchemaGuard implements Integrator {
    private static final Logger LOG = Logger.getLogger(BlobTableSchemaGuard.class);

    private static final Set<Action> HARMLESS = Set.of(Action.NONE, Action.VALIDATE);

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor factory) {
        PersistentClass entity = metadata.getEntityBinding(StoredObject.class.getName());
        if (entity == null || entity.getTable() == null || entity.getTable().getSubselect() != null) {
            return; // not in this persistence unit, or mapped otherwise by the application
        }
        Table table = entity.getTable();
        Action action = Action.NONE;
        for (ActionGrouping grouping :
                ActionGrouping.interpret(Set.of(table.getContributor()), factory.getProperties())) {
            action = grouping.databaseAction();
        }
        if (HARMLESS.contains(action)) {
            return;
        }
        Dialect dialect = factory.getJdbcServices().getDialect();
        StringJoiner columns = new StringJoiner(", ");
        for (Column column : table.getColumns()) {
            columns.add(column.getQuotedName(dialect));
        }
        String name = factory.getSqlStringGenerationContext().format(table.getQualifiedTableName());
        table.setSubselect("select " + columns + " from " + name);
        LOG.infof(
                "remote-store: Hibernate ORM's schema management (%s) of the persistence unit leaves the blob table %s"
                        + " of the entity StoredObject alone: the entity does not map its data column. The table comes"
                        + " from the migrations (dev.remotestore.flyway.CreateBlobTable) or from the sql-blob store"
                        + " (create-table)",
                action.getExternalJpaName() != null ? action.getExternalJpaName() : action.getExternalHbm2ddlName(),
                name);
    }
}

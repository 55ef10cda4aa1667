package dev.remotestore.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.PostCommitDeleteEventListener;
import org.hibernate.event.spi.PostCommitUpdateEventListener;
import org.hibernate.event.spi.PostDeleteEvent;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Everything this module asks of Hibernate ORM specifically, in one place (hibernate-core is an optional
 * dependency): transaction-completion callbacks, the named native query definitions of a session factory
 * (an incubating SPI in 7.2), and post-commit event listeners. Callers check {@link #PRESENT} first, so that
 * without Hibernate on the class path nothing here is loaded. Stateless.
 */
final class HibernateSupport {
    /** Whether Hibernate ORM is on the class path. */
    static final boolean PRESENT = present();

    private HibernateSupport() {}

    private static boolean present() {
        try {
            Class.forName(
                    "org.hibernate.engine.spi.SharedSessionContractImplementor",
                    false,
                    HibernateSupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Whether {@code em} is a Hibernate session (or a proxy of one); call only when {@link #PRESENT}. */
    static boolean isHibernate(EntityManager em) {
        try {
            em.unwrap(SharedSessionContractImplementor.class);
            return true;
        } catch (PersistenceException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether {@code emf} is a Hibernate session factory; call only when {@link #PRESENT}. */
    static boolean isHibernate(EntityManagerFactory emf) {
        try {
            emf.unwrap(SessionFactoryImplementor.class);
            return true;
        } catch (PersistenceException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Calls {@code completed} with {@code true} after {@code em}'s current transaction committed, with
     * {@code false} after it rolled back; resource-local or JTA alike (the session's own synchronizations).
     */
    static void afterCompletion(EntityManager em, Consumer<Boolean> completed) {
        SharedSessionContractImplementor session = em.unwrap(SharedSessionContractImplementor.class);
        session.getTransactionCoordinator().getLocalSynchronizations().registerSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                completed.accept(status == Status.STATUS_COMMITTED);
            }
        });
    }

    /**
     * Name → SQL of every named native query of {@code emf}: from annotations, {@code orm.xml} and queries added at
     * run time alike.
     */
    static Map<String, String> nativeQueries(EntityManagerFactory emf) {
        Map<String, String> queries = new LinkedHashMap<>();
        emf.unwrap(SessionFactoryImplementor.class)
                .getQueryEngine()
                .getNamedObjectRepository()
                .visitNativeQueryMementos(m -> queries.put(m.getRegistrationName(), m.getSqlString()));
        return queries;
    }

    /**
     * After each commit that deleted an entity of one of {@code types}, hands every {@link StoreKey} attribute
     * value it had to {@code delete}; after each commit that changed such an attribute, the value it had before.
     * For the life of {@code emf}.
     */
    static void onCommittedChanges(EntityManagerFactory emf, Set<Class<?>> types, Consumer<StoreKey> delete) {
        ContentListener listener = new ContentListener(types, delete);
        var registry = emf.unwrap(SessionFactoryImplementor.class).getEventListenerRegistry();
        registry.appendListeners(EventType.POST_COMMIT_DELETE, listener);
        registry.appendListeners(EventType.POST_COMMIT_UPDATE, listener);
    }

    /** Hibernate calls {@code onPost…} only once the transaction committed; never on a rollback. */
    private static final class ContentListener implements PostCommitDeleteEventListener, PostCommitUpdateEventListener {
        private final Set<Class<?>> types;
        private final Consumer<StoreKey> delete;

        ContentListener(Set<Class<?>> types, Consumer<StoreKey> delete) {
            this.types = Set.copyOf(types);
            this.delete = delete;
        }

        @Override
        public boolean requiresPostCommitHandling(EntityPersister persister) {
            Class<?> mapped = persister.getMappedClass();
            for (Class<?> type : types) {
                if (type.isAssignableFrom(mapped)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void onPostDelete(PostDeleteEvent event) {
            if (!requiresPostCommitHandling(event.getPersister()) || event.getDeletedState() == null) {
                return;
            }
            for (Object value : event.getDeletedState()) {
                if (value instanceof StoreKey key) {
                    delete.accept(key);
                }
            }
        }

        @Override
        public void onPostDeleteCommitFailed(PostDeleteEvent event) {
            // rolled back: the entity is still there, and so is its content
        }

        @Override
        public void onPostUpdate(PostUpdateEvent event) {
            Object[] before = event.getOldState();
            Object[] after = event.getState();
            if (!requiresPostCommitHandling(event.getPersister()) || before == null || after == null) {
                return; // an update of a detached entity without its loaded state: the orphan finder's job
            }
            List<StoreKey> replaced = new ArrayList<>();
            for (int i = 0; i < before.length && i < after.length; i++) {
                if (before[i] instanceof StoreKey old && !old.equals(after[i])) {
                    replaced.add(old);
                }
            }
            replaced.forEach(delete);
        }

        @Override
        public void onPostUpdateCommitFailed(PostUpdateEvent event) {
            // rolled back: the entity keeps its old key, and the old content stays
        }
    }
}

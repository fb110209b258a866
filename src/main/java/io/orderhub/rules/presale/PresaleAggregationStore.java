package io.orderhub.rules.presale;

import java.util.concurrent.ExecutorService;

import javax.sql.DataSource;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import org.apache.camel.util.concurrent.SynchronousExecutorService;

/**
 * The beans the presale aggregation route names: its repository, and the executor completed groups run on — the
 * caller's own thread, so a rule that hands over the completing part finds the master recorded when the call returns
 * (Camel's default is a separate single thread).
 */
public class PresaleAggregationStore {

    static final String TABLE = "presale_aggregation";

    @Produces
    @Singleton
    @Named("presaleAggregationRepository")
    PgAggregationRepository presaleAggregationRepository(DataSource dataSource) {
        return new PgAggregationRepository(dataSource, TABLE);
    }

    @Produces
    @Singleton
    @Named("presaleCompletionExecutor")
    ExecutorService presaleCompletionExecutor() {
        return new SynchronousExecutorService();
    }
}

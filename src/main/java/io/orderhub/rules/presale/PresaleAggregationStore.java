package io.orderhub.rules.presale;

import javax.sql.DataSource;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/** The aggregation repository the presale route names ({@code presaleAggregationRepository}). */
public class PresaleAggregationStore {

    static final String TABLE = "presale_aggregation";

    @Produces
    @Singleton
    @Named("presaleAggregationRepository")
    PgAggregationRepository presaleAggregationRepository(DataSource dataSource) {
        return new PgAggregationRepository(dataSource, TABLE);
    }
}

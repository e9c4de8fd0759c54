package io.livetally.common;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;

/**
 * The service's PostgreSQL pool, with every statement it sends prepared once per connection. Quarkus caches
 * prepared statements, but Vert.x leaves out of its cache any statement of 2,048 characters or more: the analytics
 * statements (a region's totals, rankings, an entity's figures; 2–9 kB) were parsed and planned again on every
 * request, 2–3 ms of a small totals request whose execution takes 0.25 ms (docs/PERFORMANCE.md, issue 17). Every
 * statement of the service is a fixed text from {@code src/main/resources/sql} or the code, its values bound as
 * parameters; the few whose text varies with an argument's shape (how many slices or comparisons) make a handful
 * of variants, within the cache's {@value #MAX_STATEMENTS} per connection (least recently used dropped first).
 * A named statement is planned with its parameters for its first five executions, then PostgreSQL keeps a generic
 * plan where that costs no more (plan_cache_mode auto); DDL on a table it reads (a month's partition moved)
 * invalidates the plan and it is planned again.
 */
@Singleton
public class StatementCache implements PgPoolCreator {

    /** Longer than the longest statement the service sends. */
    static final int SQL_LIMIT = 32_768;
    static final int MAX_STATEMENTS = 512;

    @Override
    public Pool create(Input input) {
        List<SqlConnectOptions> servers = new ArrayList<>();
        for (PgConnectOptions options : input.pgConnectOptionsList()) {
            servers.add(preparedOnce(options));
        }
        return PgBuilder.pool().with(input.poolOptions()).connectingTo(servers).using(input.vertx()).build();
    }

    /** The options, with every statement of up to {@link #SQL_LIMIT} characters prepared once per connection. */
    static PgConnectOptions preparedOnce(PgConnectOptions options) {
        options.setCachePreparedStatements(true).setPreparedStatementCacheSqlLimit(SQL_LIMIT)
                .setPreparedStatementCacheMaxSize(MAX_STATEMENTS);
        return options;
    }
}

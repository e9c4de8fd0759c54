package io.livetally.common;

import java.sql.SQLException;

import io.vertx.pgclient.PgException;

/**
 * Recognises PostgreSQL unique-key violations (SQLSTATE 23505) however deeply they are wrapped: as the reactive pg
 * client reports them, or as Hibernate Reactive does (an {@link SQLException} under its own exception).
 */
public final class UniqueViolations {

    private static final String UNIQUE_VIOLATION = "23505";

    private UniqueViolations() {
    }

    public static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                    || t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}

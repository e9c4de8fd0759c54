package io.livetally.common;

import io.vertx.pgclient.PgException;

/** Recognises PostgreSQL unique-key violations (SQLSTATE 23505) however deeply they are wrapped. */
public final class UniqueViolations {

    private UniqueViolations() {
    }

    public static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}

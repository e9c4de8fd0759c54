package io.livetally.security;

/**
 * The families of rows in docs/SECURITY.md's matrix and which of them each scope sees: admins every row, an
 * official the rows whose region lies in their subtree, a host per family (all, their own, none), a platform none.
 */
public enum Visibility {
    /** Suppliers and products, by their region: hosts read the whole catalogue. */
    CATALOGUE(HostSees.ALL, "catalogue rows", null),
    /** Hosts, by home region: a host sees itself. */
    STREAMERS(HostSees.OWN, "hosts", "a host sees only themselves"),
    /** Live sessions, by the region they promote: a host sees and runs their own. */
    SESSIONS(HostSees.OWN, "sessions", "a host sees and runs only their own sessions"),
    /** Orders, by the origin of their product: a host sees their own sessions' orders. */
    ORDERS(HostSees.OWN, "orders", "a host sees only the orders of their own sessions"),
    /** Figures and writes by region (region totals, product totals, campaigns, catalogue changes): not for hosts. */
    REGIONAL(HostSees.NONE, "regions", null);

    enum HostSees { ALL, OWN, NONE }

    final HostSees host;
    private final String rows;
    private final String hostRefusal;

    Visibility(HostSees host, String rows, String hostRefusal) {
        this.host = host;
        this.rows = rows;
        this.hostRefusal = hostRefusal;
    }

    /** Why the scope is refused one of these rows. */
    ForbiddenException refusal(Scope scope) {
        if (scope.official()) {
            return new ForbiddenException(rows + " outside the caller's region " + scope.regionCode());
        }
        if (scope.host() && host == HostSees.OWN) {
            return new ForbiddenException(hostRefusal);
        }
        return new ForbiddenException(rows + " are not open to the caller's role");
    }
}

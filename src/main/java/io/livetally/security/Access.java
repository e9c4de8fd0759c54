package io.livetally.security;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The authorization matrix (docs/SECURITY.md), enforced by every resolver: which roles may read or
 * write what, and the region subtree, host or platform each caller is confined to. Resolvers call it
 * before touching data, and narrow list filters with it before the SQL runs, so nested paths,
 * aliases and connections cannot reach data outside the caller's scope.
 */
@ApplicationScoped
public class Access {

    private final SecurityIdentity identity;
    private final RegionPaths paths;

    public Access(SecurityIdentity identity, RegionPaths paths) {
        this.identity = identity;
        this.paths = paths;
    }

    /** The authenticated caller; {@code unauthenticated} without a token. Read it before any async step. */
    public Caller caller() {
        Caller caller;
        try {
            caller = Caller.of(identity);
        } catch (IllegalStateException | ContextNotActiveException e) {
            // The request is gone (the client hung up, its request context ended) and its identity with it:
            // a late field of it is denied, not an internal error.
            throw new UnauthenticatedException();
        }
        if (caller.anonymous()) {
            throw new UnauthenticatedException();
        }
        return caller;
    }

    /** The caller, who must be an admin or hold (with its scope claim) one of the roles. */
    public Caller require(Role... roles) {
        Caller caller = caller();
        if (caller.admin()) {
            return caller;
        }
        for (Role role : roles) {
            if (scoped(caller, role)) {
                return caller;
            }
        }
        throw new ForbiddenException("this field is not open to the caller's role");
    }

    /** The region tree itself (codes, names, levels, navigation): reference data for every reader. */
    public Caller regionTree() {
        return require(Role.OFFICIAL, Role.HOST);
    }

    /**
     * The region an analytics or list query may cover: for an admin the requested one (null: all);
     * for an official the requested one when it lies in their subtree, their own root when none is
     * requested, {@code forbidden} otherwise; {@code forbidden} for every other role.
     * Analytics resolvers call {@code access.regionScope(regionCode)} and query with the answer.
     */
    public Uni<String> regionScope(String requested) {
        return regionScope(require(Role.OFFICIAL), requested);
    }

    /** {@link #regionScope(String)} for a caller read earlier. */
    public Uni<String> regionScope(Caller caller, String requested) {
        if (caller.admin()) {
            return Uni.createFrom().item(requested);
        }
        if (!caller.official()) {
            return forbidden("only admins and officials see figures by region");
        }
        if (requested == null) {
            return Uni.createFrom().item(caller.regionCode());
        }
        return paths.allWithin(caller.regionCode(), List.of(requested)).map(inside -> {
            if (!inside) {
                throw new ForbiddenException("region " + requested + " lies outside the caller's region "
                        + caller.regionCode());
            }
            return requested;
        });
    }

    /** Every region lies in an official's subtree (admins pass; other roles are refused). */
    public Uni<Void> regions(Caller caller, Collection<String> regionCodes) {
        if (caller.admin()) {
            return Uni.createFrom().voidItem();
        }
        if (!caller.official()) {
            return forbidden("only admins and officials may do this");
        }
        return paths.allWithin(caller.regionCode(), regionCodes).map(inside -> {
            if (!inside) {
                throw new ForbiddenException("outside the caller's region " + caller.regionCode());
            }
            return null;
        });
    }

    /**
     * Catalogue rows (suppliers, products) by their region: admins and hosts read the whole catalogue,
     * officials their subtree's; {@code forbidden} when any row lies outside.
     */
    public Uni<Void> catalogue(Caller caller, Collection<String> regionCodes) {
        if (caller.admin() || caller.host()) {
            return Uni.createFrom().voidItem();
        }
        return regions(caller, regionCodes);
    }

    /** The catalogue rows of a list the caller may see (lists are narrowed, single references refused). */
    public <T> Uni<List<T>> visibleCatalogue(Caller caller, List<T> rows, Function<T, String> regionOf) {
        if (caller.admin() || caller.host()) {
            return Uni.createFrom().item(rows);
        }
        if (!caller.official()) {
            return forbidden("the catalogue is not open to the caller's role");
        }
        return paths.of(concat(rows.stream().map(regionOf).toList(), caller.regionCode())).map(found -> {
            String root = found.get(caller.regionCode());
            return rows.stream().filter(row -> {
                String path = found.get(regionOf.apply(row));
                return root != null && path != null && path.startsWith(root);
            }).toList();
        });
    }

    /**
     * Sessions, each given as its host and region: admins see all, a host its own, an official those
     * promoting a region of the subtree; {@code forbidden} when any is outside.
     */
    public Uni<Void> sessions(Caller caller, Collection<Long> streamerIds, Collection<String> regionCodes) {
        if (caller.admin()) {
            return Uni.createFrom().voidItem();
        }
        if (caller.host()) {
            if (streamerIds.stream().allMatch(caller.streamerId()::equals)) {
                return Uni.createFrom().voidItem();
            }
            return forbidden("a host sees only their own sessions");
        }
        return regions(caller, regionCodes);
    }

    /** Hosts by id and home region: admins all, a host itself, an official the hosts living in the subtree. */
    public Uni<Void> streamers(Caller caller, Collection<Long> streamerIds, Collection<String> homeRegions) {
        return sessions(caller, streamerIds, homeRegions);
    }

    /** Writes on behalf of a host (schedule, start, end, cancel): admins, or that host. */
    public Caller hostOf(long streamerId) {
        Caller caller = require(Role.HOST);
        hostOf(caller, streamerId);
        return caller;
    }

    /** {@link #hostOf(long)} for a caller read earlier. */
    public void hostOf(Caller caller, long streamerId) {
        if (!caller.admin() && !(caller.host() && caller.streamerId().equals(streamerId))) {
            throw new ForbiddenException("a host manages only their own sessions");
        }
    }

    /** Writes of a platform's orders and events: admins, or that platform. */
    public Caller platform(Collection<String> platforms) {
        Caller caller = require(Role.PLATFORM);
        if (!caller.admin() && !platforms.stream().allMatch(caller::platformOf)) {
            throw new ForbiddenException("a platform records and refunds only its own orders ("
                    + caller.platform() + ")");
        }
        return caller;
    }

    /** {@link #platform(Collection)} for a caller read earlier and one platform. */
    public void platform(Caller caller, String platform) {
        if (!caller.admin() && !caller.platformOf(platform)) {
            throw new ForbiddenException("a platform reports only its own sessions' viewers (" + caller.platform() + ")");
        }
    }

    private static boolean scoped(Caller caller, Role role) {
        return switch (role) {
            case ADMIN -> caller.admin();
            case OFFICIAL -> caller.official();
            case HOST -> caller.host();
            case PLATFORM -> caller.is(Role.PLATFORM) && caller.platform() != null;
        };
    }

    private static List<String> concat(List<String> codes, String more) {
        List<String> all = new java.util.ArrayList<>(codes);
        all.add(more);
        return all;
    }

    private static <T> Uni<T> forbidden(String message) {
        return Uni.createFrom().failure(new ForbiddenException(message));
    }
}

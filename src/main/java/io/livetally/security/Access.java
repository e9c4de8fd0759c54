package io.livetally.security;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The caller's {@link Scope} and the checks of what it reaches that SQL does not narrow: explicit arguments (a
 * region or host a list is asked for) and rows already in hand (a parent object, an input's references). Role
 * rules are declared on resolvers ({@link Allowed}, on the method: a class-level one declares nothing); lists and look-ups are narrowed where they are read
 * ({@link ScopeColumns}). docs/SECURITY.md holds the matrix.
 */
@ApplicationScoped
public class Access {

    private final SecurityIdentity identity;
    private final RegionPaths paths;

    public Access(SecurityIdentity identity, RegionPaths paths) {
        this.identity = identity;
        this.paths = paths;
    }

    /** The caller's scope, derived when the token was verified; {@code unauthenticated} without a token. */
    public Scope scope() {
        try {
            if (identity.isAnonymous()) {
                throw new UnauthenticatedException();
            }
            Scope scope = identity.getAttribute(Scope.ATTRIBUTE);
            return scope != null ? scope : Scope.of(identity);
        } catch (IllegalStateException | ContextNotActiveException e) {
            // The request is gone (the client hung up, its request context ended) and its identity with it:
            // a late field of it is denied, not an internal error.
            throw new UnauthenticatedException();
        }
    }

    /**
     * The region a figure or list by region covers: for an admin the requested one (null: all); for an official
     * the requested one when it lies in their subtree, their own root when none is requested, {@code forbidden}
     * otherwise; {@code forbidden} for every other scope.
     */
    public Uni<String> regionScope(Scope scope, String requested) {
        if (scope.admin()) {
            return Uni.createFrom().item(requested);
        }
        if (!scope.official()) {
            return forbidden(Visibility.REGIONAL.refusal(scope));
        }
        if (requested == null) {
            return Uni.createFrom().item(scope.regionCode());
        }
        return paths.allWithin(scope.regionCode(), List.of(requested)).map(inside -> {
            if (!inside) {
                throw new ForbiddenException("region " + requested + " lies outside the caller's region "
                        + scope.regionCode());
            }
            return requested;
        });
    }

    /**
     * A list's explicit filters: a region outside an official's subtree, or another host than a host's own for
     * rows hosts own, is {@code forbidden} (a list is narrowed to the scope anyway; an explicit argument outside it
     * is refused, not answered empty).
     */
    public Uni<Void> arguments(Scope scope, Visibility rows, String regionCode, Long streamerId) {
        if (scope.host() && rows.host == Visibility.HostSees.OWN && streamerId != null
                && !streamerId.equals(scope.streamerId())) {
            return forbidden(rows.refusal(scope));
        }
        return scope.official() && regionCode != null ? regionScope(scope, regionCode).replaceWithVoid()
                : Uni.createFrom().voidItem();
    }

    /** Rows in hand, each given by its host (null where none) and region: {@code forbidden} when any is outside. */
    public Uni<Void> check(Scope scope, Visibility rows, Collection<Long> streamerIds, Collection<String> regions) {
        return check(null, scope, rows, streamerIds, regions);
    }

    /**
     * {@link #check(Scope, Visibility, Collection, Collection)} of a write, region paths not cached yet read by
     * {@code reader} on its transaction (null: on the pool).
     */
    public Uni<Void> check(RegionPaths.Reader reader, Scope scope, Visibility rows, Collection<Long> streamerIds,
            Collection<String> regions) {
        if (scope.admin() || scope.host() && rows.host == Visibility.HostSees.ALL) {
            return Uni.createFrom().voidItem();
        }
        if (scope.host() && rows.host == Visibility.HostSees.OWN) {
            return streamerIds.stream().allMatch(scope.streamerId()::equals) ? Uni.createFrom().voidItem()
                    : forbidden(rows.refusal(scope));
        }
        if (!scope.official()) {
            return forbidden(rows.refusal(scope));
        }
        Uni<Boolean> within = reader == null ? paths.allWithin(scope.regionCode(), regions)
                : paths.allWithin(reader, scope.regionCode(), regions);
        return within.map(inside -> {
            if (!inside) {
                throw rows.refusal(scope);
            }
            return null;
        });
    }

    /** {@link #check} of rows by region only (figures, campaigns, catalogue writes). */
    public Uni<Void> regions(Scope scope, Visibility rows, Collection<String> regions) {
        return check(null, scope, rows, List.of(), regions);
    }

    /** {@link #regions(Scope, Visibility, Collection)} of a write, paths read by {@code reader} on its transaction. */
    public Uni<Void> regions(RegionPaths.Reader reader, Scope scope, Visibility rows, Collection<String> regions) {
        return check(reader, scope, rows, List.of(), regions);
    }

    /** Writes of a platform's orders or viewers: admins, or every row of the claimed platform. */
    public void platforms(Scope scope, Collection<String> platforms, String refusal) {
        if (!scope.admin() && !platforms.stream().allMatch(p -> Objects.equals(p, scope.platform()))) {
            throw new ForbiddenException(refusal + " (" + scope.platform() + ")");
        }
    }

    private static <T> Uni<T> forbidden(ForbiddenException refusal) {
        return Uni.createFrom().failure(refusal);
    }
}

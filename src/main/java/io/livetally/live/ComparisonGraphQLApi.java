package io.livetally.live;

import static io.livetally.security.Role.ADMIN;
import static io.livetally.security.Role.HOST;
import static io.livetally.security.Role.OFFICIAL;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;

import io.livetally.common.MaskUnexpectedErrors;
import io.livetally.security.Access;
import io.livetally.security.Allowed;
import io.livetally.security.ForbiddenException;
import io.livetally.security.Scope;
import io.livetally.security.Visibility;
import io.livetally.session.LiveSession;
import io.smallrye.mutiny.Uni;

/** "Same time last session": each session beside its host's previous one, in one query for a page of sessions. */
@GraphQLApi
@MaskUnexpectedErrors
public class ComparisonGraphQLApi {

    private final ComparisonRepository comparisons;
    private final Access access;

    public ComparisonGraphQLApi(ComparisonRepository comparisons, Access access) {
        this.comparisons = comparisons;
        this.access = access;
    }

    /** A previous session outside the caller's scope (an official's, in another region) is not shown: null. */
    @Name("comparison")
    @Allowed({ADMIN, OFFICIAL, HOST})
    @Description("The same host's previous ENDED session, at the same elapsed minute.")
    public Uni<List<SessionComparison>> comparison(@org.eclipse.microprofile.graphql.Source List<LiveSession> sessions) {
        Scope scope = access.scope();
        return comparisons.of(sessions.stream().map(LiveSession::id).toList(), Instant.now()).chain(byId -> {
            List<Uni<SessionComparison>> visible = new ArrayList<>();
            for (LiveSession session : sessions) {
                SessionComparison comparison = byId.get(session.id());
                visible.add(comparison == null ? Uni.createFrom().nullItem()
                        : access.check(scope, Visibility.SESSIONS, List.of(comparison.previous().streamerId()),
                                List.of(comparison.previous().regionCode()))
                                .replaceWith(comparison)
                                .onFailure(ForbiddenException.class).recoverWithNull());
            }
            return Uni.join().all(visible).andFailFast();
        });
    }
}

package dev.mandate.contact;

import dev.mandate.account.AccountDirectory;
import dev.mandate.channel.ChannelAccount;
import dev.mandate.channel.ChannelAccounts;
import dev.mandate.channel.InboundItem;
import dev.mandate.ingest.Ingest;
import dev.mandate.ingest.IngestReport;
import dev.mandate.shared.Actor;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.WorkspaceAccess;
import dev.mandate.workspace.WorkspaceFixtures;
import dev.mandate.workspace.WorkspaceService;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Workspaces with one person in each role, and authors who write to them on several networks through ingest. */
final class ContactFixtures {

    private final WorkspaceFixtures workspaces;
    private final WorkspaceAccess access;
    private final ChannelAccounts accounts;
    private final Ingest ingest;

    ContactFixtures(
            WorkspaceService workspaces,
            AccountDirectory directory,
            WorkspaceAccess access,
            ChannelAccounts accounts,
            Ingest ingest) {
        this.workspaces = new WorkspaceFixtures(workspaces, directory);
        this.access = access;
        this.accounts = accounts;
        this.ingest = ingest;
    }

    /** A workspace with a Mastodon and an e-mail account, and its people signed in. */
    Desk desk() {
        WorkspaceFixtures.Team team = workspaces.brandWithAgency();
        ChannelAccount mastodon = accounts.connect(team.id(), Actor.SYSTEM, "mastodon", "Mastodon", List.of("@bakery"));
        ChannelAccount email =
                accounts.connect(team.id(), Actor.SYSTEM, "email", "Mailbox", List.of("hello@bakery.example"));
        return new Desk(
                team,
                access.require(team.id(), team.owner().account()),
                access.require(team.id(), team.staff().account()),
                access.require(team.id(), team.agent().account()),
                access.require(team.id(), team.advisor().account()),
                mastodon,
                email);
    }

    /** A top-level comment on Mastodon, or an e-mail, from {@code handle}; returns its conversation's id. */
    String writes(ChannelAccount account, String handle, String name, String text, Instant at) {
        boolean email = account.network().equals("email");
        IngestReport report = ingest.accept(
                account.workspaceId(),
                List.of(new InboundItem(
                        account.id().toString(),
                        null,
                        UUID.randomUUID().toString(),
                        null,
                        email ? UUID.randomUUID().toString() : null,
                        email ? InboundItem.Kind.EMAIL : InboundItem.Kind.COMMENT,
                        new InboundItem.Author(handle, name, false),
                        text,
                        null,
                        null,
                        null,
                        "en",
                        null,
                        null,
                        at,
                        null)));
        if (!report.rejected().isEmpty()) {
            throw new IllegalStateException(report.rejected().toString());
        }
        return report.items().get(0).conversationId();
    }

    /** A workspace, its people's memberships, and two channel accounts. */
    record Desk(
            WorkspaceFixtures.Team team,
            Membership owner,
            Membership staff,
            Membership agent,
            Membership advisor,
            ChannelAccount mastodon,
            ChannelAccount email) {}
}

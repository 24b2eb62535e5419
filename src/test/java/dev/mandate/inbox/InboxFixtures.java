package dev.mandate.inbox;

import dev.mandate.account.AccountDirectory;
import dev.mandate.account.AccountSummary;
import dev.mandate.account.CurrentAccount;
import dev.mandate.shared.Actor;
import dev.mandate.shared.WorkspaceId;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.WorkspaceAccess;
import dev.mandate.workspace.WorkspaceService;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Builds workspaces and conversations under names that no other test uses. */
final class InboxFixtures {

    static final String PASSWORD = "inbox-fixture-password";

    private final AccountDirectory accounts;
    private final WorkspaceService workspaces;
    private final WorkspaceAccess access;

    InboxFixtures(AccountDirectory accounts, WorkspaceService workspaces, WorkspaceAccess access) {
        this.accounts = accounts;
        this.workspaces = workspaces;
        this.access = access;
    }

    /** The owner of a new workspace of their own, who can sign in with {@link #PASSWORD}. */
    Owner workspaceWithOwner() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String email = "owner-" + tag + "@inbox.example";
        AccountSummary account = accounts.create(email, "Olga Owner " + tag, PASSWORD);
        WorkspaceId workspace = workspaces
                .create(Actor.SYSTEM, "Inbox " + tag, "Europe/Berlin", email, account.displayName())
                .workspace()
                .id();
        CurrentAccount caller = new CurrentAccount(account.id(), email, account.displayName(), false);
        return new Owner(access.require(workspace, caller), email);
    }

    /** A question under a post, with nothing answered yet. */
    static NewConversation question(String body, Instant at) {
        return new NewConversation(
                "facebook",
                "Our new spelt loaf",
                "https://facebook.example/posts/1",
                Priority.NORMAL,
                "en",
                List.of(NewMessage.inbound("Priya Raman", null, body, "en", at)));
    }

    /** A workspace's owner, signed in. */
    record Owner(Membership membership, String email) {

        WorkspaceId workspaceId() {
            return membership.workspaceId();
        }
    }
}

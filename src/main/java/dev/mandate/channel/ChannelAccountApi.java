package dev.mandate.channel;

import dev.mandate.account.CurrentAccount;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.WorkspaceAccess;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A workspace's channel accounts over REST. */
@RestController
class ChannelAccountApi {

    private final WorkspaceAccess access;
    private final ChannelAccounts accounts;

    ChannelAccountApi(WorkspaceAccess access, ChannelAccounts accounts) {
        this.access = access;
        this.accounts = accounts;
    }

    @GetMapping("/api/workspaces/{workspaceId}/channel-accounts")
    List<ChannelAccount> list(@PathVariable String workspaceId, CurrentAccount caller) {
        return accounts.of(
                access.require(WorkspaceAccess.parse(workspaceId), caller).workspaceId());
    }

    @PostMapping("/api/workspaces/{workspaceId}/channel-accounts")
    @ResponseStatus(HttpStatus.CREATED)
    ChannelAccount connect(
            @PathVariable String workspaceId, @Valid @RequestBody NewAccount body, CurrentAccount caller) {
        Membership membership = access.require(WorkspaceAccess.parse(workspaceId), caller);
        return accounts.connect(membership, body.network(), body.name(), body.brandHandles());
    }

    /** An account to add: its network, a name, and the brand's handles on it. */
    record NewAccount(
            @NotBlank @Size(max = 32) String network,
            @NotBlank @Size(max = 120) String name,
            List<@NotBlank @Size(max = 254) String> brandHandles) {}
}

package dev.mandate.channel.email;

import dev.mandate.channel.Connection;
import dev.mandate.channel.ConnectorFailure;
import dev.mandate.shared.OutboundAddresses;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

/**
 * An e-mail account's settings, read from a {@link Connection}, and how to reach its IMAP and SMTP servers: opening a
 * store or transport turns what went wrong into a {@link ConnectorFailure} whose message names the server, never the
 * password. A server inside the network Mandate runs in is not connected to unless the operator allows it
 * ({@link OutboundAddresses}).
 */
record Mailbox(
        String imapHost,
        int imapPort,
        Security imapSecurity,
        String user,
        String smtpHost,
        int smtpPort,
        Security smtpSecurity,
        String from,
        Duration connectTimeout,
        Duration readTimeout,
        OutboundAddresses addresses) {

    /** How a connection to a mail server is protected. */
    enum Security {
        /** TLS from the first byte (IMAPS 993, SMTPS 465). */
        SSL,
        /** Plain first, then upgraded with STARTTLS, which is required (IMAP 143, submission 587). */
        STARTTLS,
        /** No encryption: only for a server on the same host or in tests. */
        NONE;

        static Security parse(String field, String value) {
            try {
                return Security.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ConnectorFailure.configuration(
                        "The setting '" + field + "' must be ssl, starttls or none, not '" + value.trim() + "'.");
            }
        }
    }

    static Mailbox of(
            Connection connection, OutboundAddresses addresses, Duration connectTimeout, Duration readTimeout) {
        Security imapSecurity = Security.parse("imapSecurity", connection.setting("imapSecurity", "ssl"));
        Security smtpSecurity = Security.parse("smtpSecurity", connection.setting("smtpSecurity", "starttls"));
        String from = connection.setting("from").trim().toLowerCase(Locale.ROOT);
        try {
            new InternetAddress(from, true);
        } catch (AddressException e) {
            throw ConnectorFailure.configuration("The from address '" + from + "' is not an e-mail address.");
        }
        return new Mailbox(
                host("imapHost", connection.setting("imapHost")),
                port("imapPort", connection.setting("imapPort", ""), imapSecurity == Security.SSL ? 993 : 143),
                imapSecurity,
                connection.setting("user").trim(),
                host("smtpHost", connection.setting("smtpHost")),
                port(
                        "smtpPort",
                        connection.setting("smtpPort", ""),
                        switch (smtpSecurity) {
                            case SSL -> 465;
                            case STARTTLS -> 587;
                            case NONE -> 25;
                        }),
                smtpSecurity,
                from,
                connectTimeout,
                readTimeout,
                addresses);
    }

    private static String host(String field, String value) {
        String host = value.trim();
        if (host.isEmpty() || host.length() > 253 || !host.matches("[A-Za-z0-9.:\\[\\]-]+")) {
            throw ConnectorFailure.configuration(
                    "The setting '" + field + "' must be a host name such as mail.example.com.");
        }
        return host;
    }

    private static int port(String field, String value, int otherwise) {
        if (value.isBlank()) {
            return otherwise;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // told below
        }
        throw ConnectorFailure.configuration("The setting '" + field + "' must be a port number (1 to 65535).");
    }

    /** The domain of the from address, for the Message-IDs of replies. */
    String domain() {
        return from.substring(from.indexOf('@') + 1);
    }

    Session session() {
        Properties properties = new Properties();
        String connect = Long.toString(connectTimeout.toMillis());
        String read = Long.toString(readTimeout.toMillis());
        for (String protocol : new String[] {"imap", "imaps", "smtp", "smtps"}) {
            properties.put("mail." + protocol + ".connectiontimeout", connect);
            properties.put("mail." + protocol + ".timeout", read);
            properties.put("mail." + protocol + ".writetimeout", read);
        }
        properties.put("mail.imap.starttls.enable", Boolean.toString(imapSecurity == Security.STARTTLS));
        properties.put("mail.imap.starttls.required", Boolean.toString(imapSecurity == Security.STARTTLS));
        properties.put("mail.imaps.ssl.checkserveridentity", "true");
        properties.put("mail.smtp.auth", "true");
        properties.put("mail.smtps.auth", "true");
        properties.put("mail.smtp.starttls.enable", Boolean.toString(smtpSecurity == Security.STARTTLS));
        properties.put("mail.smtp.starttls.required", Boolean.toString(smtpSecurity == Security.STARTTLS));
        properties.put("mail.smtp.ssl.checkserveridentity", "true");
        properties.put("mail.smtps.ssl.checkserveridentity", "true");
        properties.put("mail.smtp.from", from);
        properties.put("mail.smtps.from", from);
        // The server's answer to EHLO names this host; say nothing about the machine Mandate runs on.
        properties.put("mail.smtp.localhost", domain());
        properties.put("mail.smtps.localhost", domain());
        return Session.getInstance(properties);
    }

    /** An open IMAP store; the caller closes it. */
    Store openStore(Session session, Connection.Secret secret) {
        String protocol = imapSecurity == Security.SSL ? "imaps" : "imap";
        allowed("imapHost", imapHost);
        try {
            Store store = session.getStore(protocol);
            store.connect(imapHost, imapPort, user, secret.reveal());
            return store;
        } catch (AuthenticationFailedException e) {
            throw ConnectorFailure.credentials("The mailbox refused the login.");
        } catch (MessagingException e) {
            throw reach("mailbox (IMAP)", imapHost, imapPort, e);
        }
    }

    /** An open SMTP transport, logged in; the caller closes it. */
    Transport openTransport(Session session, Connection.Secret secret) {
        String protocol = smtpSecurity == Security.SSL ? "smtps" : "smtp";
        allowed("smtpHost", smtpHost);
        try {
            Transport transport = session.getTransport(protocol);
            transport.connect(smtpHost, smtpPort, user, secret.reveal());
            return transport;
        } catch (AuthenticationFailedException e) {
            throw ConnectorFailure.credentials("The mail server refused the login for sending (SMTP).");
        } catch (MessagingException e) {
            throw reach("mail server for sending (SMTP)", smtpHost, smtpPort, e);
        }
    }

    /** Checked before every connection, not only when connecting the account: a name may resolve differently later. */
    private void allowed(String field, String host) {
        addresses.refusal(host).ifPresent(refused -> {
            throw ConnectorFailure.addressRefused(field, refused);
        });
    }

    /**
     * What a failure to reach a server means: a name nobody knows or a port where nothing listens is a setting to
     * fix; a timeout or a broken connection is the server being down for now.
     */
    static ConnectorFailure reach(String what, String host, int port, MessagingException e) {
        if (causedBy(e, UnknownHostException.class)) {
            return ConnectorFailure.configuration("No " + what + " is known by the name '" + host + "'.");
        }
        if (causedBy(e, ConnectException.class) || causedBy(e, NoRouteToHostException.class)) {
            return ConnectorFailure.configuration(
                    "Nothing answers at " + host + ":" + port + "; check the " + what + " host, port and security.");
        }
        if (causedBy(e, javax.net.ssl.SSLException.class)
                || (e.getMessage() != null && e.getMessage().contains("STARTTLS"))) {
            return ConnectorFailure.configuration("A secure connection to " + host + ":" + port
                    + " failed; check the security setting (ssl, starttls or none) and the server's certificate.");
        }
        if (causedBy(e, SocketTimeoutException.class)) {
            return ConnectorFailure.unavailable("The " + what + " at " + host + " did not answer in time.", null);
        }
        return ConnectorFailure.unavailable(
                "The " + what + " at " + host + " failed: "
                        + rootCause(e).getClass().getSimpleName() + ".",
                null);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> kind) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (kind.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}

package dev.mandate.routing;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Locale;
import java.util.Properties;
import org.springframework.stereotype.Component;

/** Sends e-mail notifications through the SMTP server of {@code mandate.routing.mail.*}. */
@Component
class MailNotifier {

    private final HandoffProperties.Mail settings;

    MailNotifier(HandoffProperties properties) {
        this.settings = properties.mail();
    }

    void send(Notifications.Notification notification) throws NotificationFailure {
        InternetAddress to;
        InternetAddress from;
        try {
            to = new InternetAddress(notification.target(), true);
            from = new InternetAddress(settings.from(), true);
        } catch (AddressException e) {
            throw new NotificationFailure("Not an e-mail address: " + notification.target(), true);
        }
        boolean ssl = settings.security().equalsIgnoreCase("ssl");
        String protocol = ssl ? "smtps" : "smtp";
        Properties properties = new Properties();
        String timeout = Long.toString(settings.timeout().toMillis());
        properties.put("mail." + protocol + ".connectiontimeout", timeout);
        properties.put("mail." + protocol + ".timeout", timeout);
        properties.put("mail." + protocol + ".writetimeout", timeout);
        properties.put(
                "mail." + protocol + ".auth",
                Boolean.toString(!settings.username().isEmpty()));
        boolean starttls = settings.security().equalsIgnoreCase("starttls");
        properties.put("mail.smtp.starttls.enable", Boolean.toString(starttls));
        properties.put("mail.smtp.starttls.required", Boolean.toString(starttls));
        properties.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        Session session = Session.getInstance(properties);
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(from);
            message.setRecipient(Message.RecipientType.TO, to);
            message.setSubject(
                    notification.subject() == null ? notification.event() : notification.subject(),
                    StandardCharsets.UTF_8.name());
            message.setText(notification.text() == null ? "" : notification.text(), StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(notification.createdAt()));
            message.setHeader("Mandate-Event", notification.event());
            message.setHeader("Mandate-Delivery", notification.id().toString());
            try (Transport transport = session.getTransport(protocol)) {
                transport.connect(
                        settings.host(),
                        settings.port(),
                        settings.username().isEmpty() ? null : settings.username(),
                        settings.username().isEmpty() ? null : settings.password());
                transport.sendMessage(message, message.getAllRecipients());
            }
        } catch (SendFailedException e) {
            throw new NotificationFailure("The mail server refused the recipient " + notification.target() + ".", true);
        } catch (MessagingException e) {
            throw new NotificationFailure(
                    "Could not send through the mail server " + settings.host() + ":" + settings.port() + " ("
                            + e.getClass().getSimpleName().toLowerCase(Locale.ROOT) + ").",
                    false);
        }
    }
}

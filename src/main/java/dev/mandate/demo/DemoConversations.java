package dev.mandate.demo;

import dev.mandate.inbox.Direction;
import dev.mandate.inbox.NewConversation;
import dev.mandate.inbox.NewMessage;
import dev.mandate.inbox.Priority;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/** What the bakery's customers wrote in the last days, and what the bakery answered. */
final class DemoConversations {

    static final String BRAND = "Bäckerei Sonnenkorn";

    /** Where {@link #before} lists the conversations the demo works on. */
    static final int ALLERGENS = 2;

    static final int COMPLAINT = 3;
    static final int CATERING = 4;

    private DemoConversations() {}

    /**
     * The conversations of the last days, timed back from the last 6 pm in the bakery's time zone, so that
     * customers write in the day whenever the demo is created.
     */
    static List<NewConversation> before(Instant now, ZoneId zone) {
        ZonedDateTime evening = now.atZone(zone).with(LocalTime.of(18, 0));
        Instant last = (evening.toInstant().isAfter(now) ? evening.minusDays(1) : evening).toInstant();
        return List.of(
                openingHoursOnFacebook(last),
                openingHoursOnMastodon(last),
                allergenQuestion(last),
                lateCakeComplaint(last),
                cateringRequest(last),
                praise(last),
                sourdoughThread(last));
    }

    private static NewConversation openingHoursOnFacebook(Instant evening) {
        return new NewConversation(
                "facebook",
                "Ab Juni: unsere neuen Sommer-Öffnungszeiten",
                "https://facebook.example/baeckerei.sonnenkorn/posts/1042",
                Priority.NORMAL,
                "de",
                List.of(NewMessage.inbound(
                        "Jana Krüger",
                        null,
                        "Habt ihr am Pfingstmontag auch geöffnet? Wir wollten mit den Kindern zum Frühstück "
                                + "vorbeikommen 🙂",
                        "de",
                        ago(evening, "PT5H"))));
    }

    private static NewConversation openingHoursOnMastodon(Instant evening) {
        return new NewConversation(
                "mastodon",
                "Fresh this morning: rye sourdough and cinnamon buns",
                "https://social.example/@sonnenkorn/112233",
                Priority.NORMAL,
                "en",
                List.of(NewMessage.inbound(
                        "Tom Becker",
                        "@tom@social.example",
                        "Are you open on Sunday mornings too? Just moved to the Kiez and I'm looking for a proper "
                                + "bakery.",
                        "en",
                        ago(evening, "PT26H"))));
    }

    private static NewConversation allergenQuestion(Instant evening) {
        return new NewConversation(
                "facebook",
                "New in: our spelt and walnut loaf",
                "https://facebook.example/baeckerei.sonnenkorn/posts/1057",
                Priority.HIGH,
                "en",
                List.of(NewMessage.inbound(
                        "Priya Raman",
                        null,
                        "Hi! Does the spelt walnut loaf contain sesame, or is it baked on the same trays as the "
                                + "sesame rolls? My son has a severe sesame allergy.",
                        "en",
                        ago(evening, "PT2H"))));
    }

    private static NewConversation lateCakeComplaint(Instant evening) {
        NewMessage complaint =
                NewMessage.inbound("Martin Schulz", "m.schulz@mail.example", """
                Guten Tag,

                ich hatte für Samstag, 14 Uhr, eine Schwarzwälder Kirschtorte zum 70. Geburtstag meiner Mutter \
                bestellt (Bestellung 2291). Abholbereit war sie erst um halb vier, da saßen die Gäste schon am \
                Kaffeetisch. Das war wirklich ärgerlich.

                Martin Schulz""", "de", ago(evening, "PT50H"));
        NewMessage apology = complaint.reply(
                Direction.OUTBOUND, BRAND, "hallo@sonnenkorn.example", """
                Lieber Herr Schulz,

                das tut uns sehr leid, gerade bei so einem Anlass. Am Samstag ist uns ein Ofen ausgefallen, und wir \
                hätten Sie anrufen müssen, statt Sie warten zu lassen. Den Preis der Torte erstatten wir Ihnen \
                vollständig, und für Ihre Mutter liegt ein Gutschein über 20 € an der Theke bereit.

                Herzliche Grüße
                Sabine Korn, Bäckerei Sonnenkorn""", "de", ago(evening, "PT33H"));
        return new NewConversation("email", null, null, Priority.HIGH, "de", List.of(complaint, apology));
    }

    private static NewConversation cateringRequest(Instant evening) {
        return new NewConversation(
                "email",
                null,
                null,
                Priority.NORMAL,
                "en",
                List.of(NewMessage.inbound(
                        "Lena Fischer", "lena.fischer@brightside.example", """
                        Hello Sonnenkorn team,

                        we're opening our new office in Friedrichshain on the 14th and would love a breakfast buffet \
                        for about 40 people: bread rolls, pastries, and something vegan and gluten-free. Could you \
                        send us an offer? Delivery around 8:30 would be ideal.

                        Best,
                        Lena Fischer, Brightside Studio""", "en", ago(evening, "PT9H"))));
    }

    private static NewConversation praise(Instant evening) {
        return new NewConversation(
                "mastodon",
                "Samstag gibt's wieder Franzbrötchen!",
                "https://social.example/@sonnenkorn/112201",
                Priority.LOW,
                "de",
                List.of(NewMessage.inbound(
                        "Kiezfoodie",
                        "@kiezfoodie@social.example",
                        "Die Franzbrötchen heute waren ein Traum. Bester Grund, samstags früh aufzustehen! 🥐",
                        "de",
                        ago(evening, "PT98H"))));
    }

    private static NewConversation sourdoughThread(Instant evening) {
        NewMessage question = NewMessage.inbound(
                "Anna Lindqvist",
                null,
                "Lovely article! How warm do you keep the dough during those 36 hours? Mine always turns out sour "
                        + "and flat at home.",
                "en",
                ago(evening, "PT75H"));
        NewMessage answer = question.reply(
                Direction.OUTBOUND,
                BRAND,
                null,
                "Thank you, Anna! The first 12 hours at about 26 °C, then into the cold room at 6 °C. At home the "
                        + "fridge does the second part nicely. Give it a try and tell us how it goes!",
                "en",
                ago(evening, "PT72H"));
        NewMessage spelt = question.reply(
                Direction.INBOUND,
                "Markus Weber",
                null,
                "Does this work with spelt as well?",
                "en",
                ago(evening, "PT49H"));
        NewMessage thanks = answer.reply(
                Direction.INBOUND,
                "Anna Lindqvist",
                null,
                "Tried it this weekend: the best loaf I've ever made. Thank you!",
                "en",
                ago(evening, "PT28H"));
        return new NewConversation(
                "blog",
                "Why we give our rye sourdough 36 hours",
                "https://sonnenkorn.example/blog/36-hours-rye",
                Priority.NORMAL,
                "en",
                List.of(question, answer, spelt, thanks));
    }

    private static Instant ago(Instant from, String duration) {
        return from.minus(Duration.parse(duration));
    }
}

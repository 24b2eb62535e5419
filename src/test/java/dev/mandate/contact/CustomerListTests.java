package dev.mandate.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CustomerListTests {

    @Test
    void readsCommaSeparatedListsWithQuotesAndLineBreaksInFields() {
        CustomerList.Parsed parsed = parse("customer_number,name,email,extra\n"
                + "K-1,\"Raman, Priya\",Priya@Mail.example,x\n"
                + "K-2,\"Two\nLines \"\"quoted\"\"\",,\n"
                + "K-3,Third,third@mail.example,\n");

        assertThat(parsed.bad()).isEmpty();
        assertThat(parsed.ignoredColumns()).containsExactly("extra");
        assertThat(parsed.rows())
                .extracting(CustomerList.Row::line, CustomerList.Row::name, CustomerList.Row::email)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, "Raman, Priya", "priya@mail.example"),
                        org.assertj.core.groups.Tuple.tuple(3, "Two\nLines \"quoted\"", null),
                        org.assertj.core.groups.Tuple.tuple(5, "Third", "third@mail.example"));
    }

    @Test
    void readsSemicolonSeparatedListsWithAByteOrderMark() {
        CustomerList.Parsed parsed =
                parse("\uFEFFcustomer_number;name;handle;network\r\nK-1;Jürgen Groß;@jg;Mastodon\r\n");

        assertThat(parsed.rows()).singleElement().satisfies(row -> {
            assertThat(row.name()).isEqualTo("Jürgen Groß");
            assertThat(row.identities()).containsExactly(new AuthorIdentity.Key("mastodon", "@jg"));
        });
    }

    @Test
    void namesEveryBadLineWithItsReason() {
        CustomerList.Parsed parsed = parse("customer_number,name,email,handle,network\n"
                + ",Nobody,,,\n"
                + "K-2,,not-mail,,\n"
                + "K-3,,,@h,\n"
                + "K-4,,,,\n"
                + "K-5,Ok,ok@mail.example,,\n"
                + "K-5,Again,again@mail.example,,\n"
                + "K-7,Same,OK@mail.example,,\n"
                + "K-8,a,b,c,d,e,f\n");

        assertThat(parsed.rows()).extracting(CustomerList.Row::line).containsExactly(6);
        assertThat(parsed.bad())
                .extracting(CustomerList.BadLine::line, CustomerList.BadLine::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, "has no customer number"),
                        org.assertj.core.groups.Tuple.tuple(3, "'not-mail' is not an e-mail address"),
                        org.assertj.core.groups.Tuple.tuple(4, "names the handle '@h' but no network"),
                        org.assertj.core.groups.Tuple.tuple(5, "has neither a name, an e-mail address nor a handle"),
                        org.assertj.core.groups.Tuple.tuple(7, "customer number K-5 is also on line 6"),
                        org.assertj.core.groups.Tuple.tuple(8, "ok@mail.example is also on line 6"),
                        org.assertj.core.groups.Tuple.tuple(9, "has 7 fields, the header 5"));
    }

    @Test
    void rejectsTextThatIsNotUtf8ByItsLine() {
        byte[] latin1 = "customer_number,name\nK-1,Jürgen\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> CustomerList.parse(latin1, 100))
                .isInstanceOfSatisfying(
                        CustomerListRejected.class,
                        rejected -> assertThat(rejected.lines())
                                .singleElement()
                                .satisfies(line -> assertThat(line.line()).isEqualTo(2)));
    }

    @Test
    void rejectsAHeaderWithoutCustomerNumbers() {
        assertThatThrownBy(() -> parse("name,email\nA,a@mail.example\n"))
                .isInstanceOfSatisfying(
                        CustomerListRejected.class,
                        rejected -> assertThat(rejected.getMessage()).contains("customer_number"));
    }

    @Test
    void rejectsListsLongerThanTheLimit() {
        assertThatThrownBy(() -> CustomerList.parse("customer_number,name\nK-1,A\nK-2,B\nK-3,C\n".getBytes(), 2))
                .isInstanceOfSatisfying(
                        CustomerListRejected.class,
                        rejected -> assertThat(rejected.lines())
                                .singleElement()
                                .satisfies(line -> assertThat(line.line()).isEqualTo(4)));
    }

    private static CustomerList.Parsed parse(String text) {
        return CustomerList.parse(text.getBytes(StandardCharsets.UTF_8), 1000);
    }
}

package dev.mandate.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabelConfusionTests {

    @Test
    void readsPrecisionRecallAndFalsePositivesPerLabelFromTheMatrix() {
        LabelConfusion confusion = LabelConfusion.empty(List.of("OTHER", "OFFENSE", "UNUSED"));
        for (int i = 0; i < 8; i++) {
            confusion.add("OTHER", "OTHER");
        }
        confusion.add("OTHER", "OFFENSE");
        confusion.add("OTHER", "OFFENSE");
        confusion.add("OFFENSE", "OFFENSE");
        confusion.add("OFFENSE", "OFFENSE");
        confusion.add("OFFENSE", "OFFENSE");
        confusion.add("OFFENSE", "OTHER");

        int offense = 1;
        assertThat(confusion.total()).isEqualTo(14);
        assertThat(confusion.accuracy()).isCloseTo(11 / 14.0, within(1e-9));
        assertThat(confusion.precision(offense)).isCloseTo(3 / 5.0, within(1e-9));
        assertThat(confusion.recall(offense)).isCloseTo(3 / 4.0, within(1e-9));
        assertThat(confusion.falsePositiveRate(offense)).isCloseTo(2 / 10.0, within(1e-9));
        // a label that never occurs does not pull the macro average down
        double otherF1 = 2 * (8 / 9.0) * (8 / 10.0) / (8 / 9.0 + 8 / 10.0);
        double offenseF1 = 2 * 0.6 * 0.75 / (0.6 + 0.75);
        assertThat(confusion.macroF1()).isCloseTo((otherF1 + offenseF1) / 2, within(1e-9));
        assertThat(confusion.text()).contains("  OFFENSE       0.6000    0.7500    0.6667   0.2000        4");
        assertThat(confusion.json()).contains("\"rows\":[[8,2,0],[1,3,0],[0,0,0]]");
    }
}

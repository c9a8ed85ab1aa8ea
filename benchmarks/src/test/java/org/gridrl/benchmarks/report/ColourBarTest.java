package org.gridrl.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColourBarTest {

  @Test
  void ticks_twoIntervals_labelMinMiddleMax() {
    // maxent's learned reward in the quick irl-gridworld run spanned -2.56 .. 6.07
    List<ColourBar.Tick> ticks = new ColourBar(-2.56, 6.07).ticks(2);
    assertThat(ticks.stream().map(ColourBar.Tick::label)).containsExactly("-2.56", "1.755",
        "6.07");
    assertThat(ticks.stream().map(ColourBar.Tick::fraction)).containsExactly(0.0, 0.5, 1.0);
    assertThat(ticks.get(0).value()).isEqualTo(-2.56);
    assertThat(ticks.get(2).value()).isEqualTo(6.07);
  }

  @Test
  void ticks_constant_isOneTickInTheMiddle() {
    assertThat(new ColourBar(0.25, 0.25).ticks(4))
        .containsExactly(new ColourBar.Tick(0.25, "0.25", 0.5));
    assertThat(new ColourBar(0.25, 0.25).colour(0.25)).isEqualTo(ColourBar.viridis(0.5));
  }

  @Test
  void of_spansTheValues() {
    assertThat(ColourBar.of(new double[] {0, 0, 1, 0})).isEqualTo(new ColourBar(0, 1));
  }

  @Test
  void constructor_rejectsNonFiniteOrReversedEnds() {
    assertThatThrownBy(() -> new ColourBar(1, 0)).hasMessage(
        "a colour bar needs finite lo <= hi, got 1.0 and 0.0");
    assertThatThrownBy(() -> new ColourBar(Double.NaN, 0)).hasMessage(
        "a colour bar needs finite lo <= hi, got NaN and 0.0");
  }

  @Test
  void format_fourSignificantDigitsOrScientificForTinyAndHuge() {
    assertThat(ColourBar.format(26.2693)).isEqualTo("26.27");
    assertThat(ColourBar.format(98.2)).isEqualTo("98.2");
    assertThat(ColourBar.format(100)).isEqualTo("100");
    assertThat(ColourBar.format(-0.0)).isEqualTo("0");
    assertThat(ColourBar.format(0.000123456)).isEqualTo("0.000123");
    assertThat(ColourBar.format(123456)).isEqualTo("1.23e+05");
  }

  @Test
  void draw_paintsHiAtTheTopAndLoAtTheBottom() {
    BufferedImage img = new BufferedImage(120, 120, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    new ColourBar(0, 1).draw(g, 10, 10, 100, 2, "r(s)");
    g.dispose();
    // row i of the bar has viridis(1 − i / 99); the frame covers row 0 and row 99
    assertThat(img.getRGB(15, 11)).isEqualTo(ColourBar.viridis(1 - 1 / 99.0).getRGB());
    assertThat(img.getRGB(15, 108)).isEqualTo(ColourBar.viridis(1 - 98 / 99.0).getRGB());
  }

  @Test
  void width_holdsTheBarAndItsWidestLabel() {
    ColourBar bar = new ColourBar(-123.25, 0.5);
    assertThat(bar.width(2)).isGreaterThan(ColourBar.BAR_WIDTH
        + ColourBar.textWidth("-123.2", new java.awt.Font(java.awt.Font.SANS_SERIF,
            java.awt.Font.PLAIN, 11)));
  }
}

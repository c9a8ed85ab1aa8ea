package org.gridrl.benchmarks.cli;

import java.util.IllegalFormatException;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * picocli's usage help with lines broken at spaces only (installed for every command by
 * {@code Main.commandLine} through {@link CommandLine#setHelpFactory}).
 *
 * <p>Why: picocli wraps a text with the line instance of {@link java.text.BreakIterator}, which
 * also allows a break after '.', ',', ')' or '|' and before '(', '[' or '{' inside a word, so at
 * some terminal widths "policy.csv" ended a line as "policy." and the next began with "csv"
 * (and "GridWorld.Options.defaults()", "V_{t+1}", "exp(Q(s,a)/tau)" split likewise). picocli
 * has no setting for this. Every text table of the help (the description, header and footer,
 * the option and parameter lists, the subcommand list and the synopsis) is built here instead
 * from a {@link TextTable} whose values show the break iterator only their spaces: the text a
 * cell copies is unchanged, only the places where it may end a line are. A word longer than a
 * whole line is still cut, as picocli does.
 *
 * <p>How, and what it relies on: picocli's {@code TextTable.putValue} finds the breaks in
 * {@code value.plainString()} and copies the characters from the value itself (and from its
 * {@code substring}s, which are {@code clone()}s); {@link SpacesOnly} overrides those two
 * methods. {@code CliHelpTest} renders every command's help at several widths and checks that
 * each description reads back whole, so an upgrade of picocli that changes this fails there.
 */
public final class SpaceWrappingHelp extends CommandLine.Help {

  /** picocli's (private) UsageMessageSpec.MAX_SYNOPSIS_AUTO_INDENT_THRESHOLD. */
  private static final double MAX_SYNOPSIS_AUTO_INDENT_THRESHOLD = 0.9;

  /** The help of {@code spec}; picocli's {@link CommandLine.IHelpFactory} signature. */
  public SpaceWrappingHelp(CommandSpec spec, ColorScheme colorScheme) {
    super(spec, colorScheme);
  }

  @Override
  public Layout createDefaultLayout(List<OptionSpec> options,
      List<PositionalParamSpec> positionals, ColorScheme scheme) {
    Layout layout = super.createDefaultLayout(options, positionals, scheme);
    TextTable picocli = layout.textTable();
    TextTable table = new SpaceBreakingTable(scheme, picocli.columns());
    table.indentWrappedLines = picocli.indentWrappedLines;
    table.setAdjustLineBreaksForWideCJKCharacters(
        picocli.isAdjustLineBreaksForWideCJKCharacters());
    return new Layout(scheme, table, layout.optionRenderer(), layout.parameterRenderer());
  }

  @Override
  public String description(Object... params) {
    return join(commandSpec().usageMessage().description(), params);
  }

  @Override
  public String header(Object... params) {
    return join(commandSpec().usageMessage().header(), params);
  }

  @Override
  public String footer(Object... params) {
    return join(commandSpec().usageMessage().footer(), params);
  }

  /** picocli's list of subcommands (name, first line of the description) in a space table. */
  @Override
  public String commandList(Map<String, CommandLine.Help> subcommands) {
    if (subcommands.isEmpty()) {
      return "";
    }
    int width = width();
    int nameLength = 0;
    for (String name : subcommands.keySet()) {
      nameLength = Math.max(nameLength, name.length());
    }
    nameLength = Math.min(nameLength, width / 2);
    TextTable table = table(new Column(nameLength + 2, 2, Column.Overflow.SPAN),
        new Column(width - (nameLength + 2), 2, Column.Overflow.WRAP));
    for (CommandLine.Help help : subcommands.values()) {
      UsageMessageSpec usage = help.commandSpec().usageMessage();
      String first = usage.header().length > 0 ? usage.header()[0]
          : usage.description().length > 0 ? usage.description()[0] : "";
      Text[] lines = colorScheme().text(format(first)).splitLines();
      for (int i = 0; i < lines.length; i++) {
        table.addRowValues(i == 0 ? help.commandNamesText(", ") : colorScheme().text(""),
            lines[i]);
      }
    }
    return table.toString();
  }

  /** picocli's synopsis ("gridrl solve [-hV] ..."), wrapped at spaces and indented as there. */
  @Override
  protected String insertSynopsisCommandName(int headingLength, Text details) {
    String name = commandSpec().qualifiedName();
    UsageMessageSpec usage = commandSpec().usageMessage();
    int width = width();
    int indent = headingLength + name.length() + 1;
    if (indent > usage.synopsisAutoIndentThreshold() * width) {
      indent = usage.synopsisIndent() < 0 ? headingLength : usage.synopsisIndent();
      indent = Math.min(indent, (int) (MAX_SYNOPSIS_AUTO_INDENT_THRESHOLD * width));
    }
    TextTable table = table(new Column(width, 0, Column.Overflow.WRAP));
    table.indentWrappedLines = indent;
    Text padding = CommandLine.Help.Ansi.OFF.new Text("X".repeat(headingLength), colorScheme());
    table.addRowValues(padding.concat(colorScheme().commandText(name)).concat(details));
    return table.toString().substring(headingLength); // the heading takes the padding's place
  }

  /** Each value a row of the full width, wrapped at spaces (picocli's {@code Help.join}). */
  private String join(String[] values, Object... params) {
    if (values == null || values.length == 0) {
      return "";
    }
    TextTable table = table(new Column(width(), 0, Column.Overflow.WRAP));
    table.indentWrappedLines = 0;
    for (String value : values) {
      table.addRowValues(format(value, params));
    }
    return table.toString();
  }

  private TextTable table(Column... columns) {
    TextTable table = new SpaceBreakingTable(colorScheme(), columns);
    table.setAdjustLineBreaksForWideCJKCharacters(
        commandSpec().usageMessage().adjustLineBreaksForWideCJKCharacters());
    return table;
  }

  private int width() {
    return commandSpec().usageMessage().width();
  }

  /** {@code String.format(text, params)} as picocli does it: the raw text if it is no format. */
  private static String format(String text, Object... params) {
    if (text == null) {
      return "";
    }
    try {
      return String.format(text, params);
    } catch (IllegalFormatException e) {
      return text;
    }
  }

  /** A text table whose values may break only at their spaces. */
  private static final class SpaceBreakingTable extends TextTable {

    SpaceBreakingTable(ColorScheme scheme, Column... columns) {
      super(scheme, columns);
    }

    @Override
    public Cell putValue(int row, int col, Text value) {
      return super.putValue(row, col, value == null ? null : new SpacesOnly(value));
    }
  }

  /**
   * A copy of a text whose {@link #plainString()}, which picocli's wrapping only hands to the
   * break iterator, shows every character but whitespace as 'x' (the same length, so the same
   * positions); its substrings stay of this kind.
   */
  private static final class SpacesOnly extends Text {

    SpacesOnly(Text text) {
      CommandLine.Help.Ansi.OFF.super(text);
    }

    @Override
    public String plainString() {
      char[] c = super.plainString().toCharArray();
      for (int i = 0; i < c.length; i++) {
        if (!Character.isWhitespace(c[i])) {
          c[i] = 'x';
        }
      }
      return new String(c);
    }

    @Override
    public Object clone() {
      return new SpacesOnly(this);
    }
  }
}

package example;

import java.util.List;

/** A POJO result; {@code note} stays null and must be left out of the JSON. */
public class Reply {
  private final List<String> lines;
  private final String note;

  public Reply(List<String> lines, String note) {
    this.lines = lines;
    this.note = note;
  }

  public List<String> getLines() {
    return lines;
  }

  public String getNote() {
    return note;
  }
}

package example;

import java.time.Instant;

/** A POJO event: setters and a no-arg constructor, as Lambda users write them. */
public class Greeting {
  private String name;
  private int times;
  private Instant at;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public int getTimes() {
    return times;
  }

  public void setTimes(int times) {
    this.times = times;
  }

  public Instant getAt() {
    return at;
  }

  public void setAt(Instant at) {
    this.at = at;
  }
}

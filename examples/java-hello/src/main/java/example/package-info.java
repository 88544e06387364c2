/** Example Java Lambda handler, deployed by {@code ./nimbus server --examples examples}. */
package example;

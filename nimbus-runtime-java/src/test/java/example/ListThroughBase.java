package example;

import java.util.List;

public class ListThroughBase extends GenericBase<List<Object>> {}

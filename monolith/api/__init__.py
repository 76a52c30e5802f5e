"""The edge's own code: the route table's proxy and the merged API schema."""

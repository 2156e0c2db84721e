"""What the API reads and writes, resource by resource. Serializers check the shape of the
input; the rules themselves are the domain's functions, which the views call."""

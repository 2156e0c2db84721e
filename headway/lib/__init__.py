"""Small pure helpers with no Django models in them."""

"""Request and exception handlers, one class per intent or state; the builder registers them."""

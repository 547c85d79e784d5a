"""Root causes: which bottlenecks the room analyses, the fishbone's bones, root marks."""

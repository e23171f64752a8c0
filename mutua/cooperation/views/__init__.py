"""Pages of cooperation: partnerships, their participants, activities and results."""

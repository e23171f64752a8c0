"""The registered indicators: every KPI of CBD/COP/15/12's annex and ¶38 (a)–(i).

An indicator counts (or sums) records of one model. `where` picks the records it
looks at; `numerator` the ones it counts; `denominator`, for a share or a ratio,
the ones it divides by. Values are computed in the database by `selectors`, for
a period and a scope, never typed in; docs/indicators.md maps the annex to these
codes.
"""

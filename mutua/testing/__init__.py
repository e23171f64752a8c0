"""What the tests of every app share, and nothing else imports.

- `personas`: the reference data and the people of every test (fixtures that
  `mutua/conftest.py` registers);
- `builders`: valid field sets and records in a given state, made through the
  services as a user would;
- `partnerships`: what the pages and the API of partnerships take to record one,
  and partnerships with many records;
- `http`: the API through Django's test client and over real HTTP, checked
  against `docs/openapi.json`; a page's text; the address of the NGO's members page;
- `matrix`: the permission matrices' machinery (personas against actions, on
  pages and API, with a fingerprint of the database to prove a refusal wrote nothing);
- `actions`: the exchange's actions as rows of its permission matrix: records
  in the status a row starts from, and each action's page, endpoint and effect;
- `concurrency`: calls racing each other on threads of their own;
- `uploads`: files for the bulk import, and an import run as a user;
- `places`: a few real countries as the matching engine sees them;
- `matching`: the matching pages as a person uses them (a request's
  suggestions, proposing);
- `browser`: axe-core's findings, read for a failure message.

Test modules import from here, never from one another
(`core/tests/test_layering.py` keeps it so).
"""

"""Smart intake (智能交办): the category, lead unit and co-units a committee's own register
suggests for a new proposal.

`engine` learns and answers from plain examples (no database), `storage` turns a model into
bytes for the database row every process reads, `register` reads a committee's examples,
`models` keeps one model per committee in each process, `suggestions` answers the pages and
commands, `acceptance` records what was suggested and counts how often it was taken.
"""

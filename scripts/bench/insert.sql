insert into bench_insert (payload) values ('{"purpose": "analytics", "state": "given"}');

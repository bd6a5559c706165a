// What a user of the two README examples sees: the score table, and NearListener's log lines through the SLF4J
// binding the README tells them to add (no NOP-logger warning).
def score = new File(basedir, 'target/score-example.out').text
assert score.contains('NEAR score') : "ScoreExample printed no score:\n" + score
def listener = new File(basedir, 'target/listener-example.out').text
assert !listener.contains('NOPLogger') && !listener.contains('Defaulting to no-operation') : "no SLF4J binding:\n" + listener
assert listener =~ /NEAR epoch 0 iteration 0 \(start\): \d/ : "no log line at the start:\n" + listener
assert listener =~ /NEAR epoch 1 iteration 1 \(epoch_end\): \d/ : "no log line after epoch 1:\n" + listener
assert listener =~ /NEAR epoch 2 iteration 2 \(epoch_end\): \d/ : "no log line after epoch 2:\n" + listener
assert listener.contains('NEAR per evaluation: [') : listener
def proxies = new File(basedir, 'target/proxies-example.out').text
['near', 'params', 'naswot', 'grad_norm', 'snip', 'synflow', 'jacob_cov', 'zico', 'meco'].each { name ->
    assert proxies =~ /(?m)^${name}\s+-?\d+\.\d{4}$/ : "no score for ${name}:\n" + proxies
}
return true

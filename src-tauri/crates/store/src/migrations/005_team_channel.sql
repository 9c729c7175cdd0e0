-- Each team works the phone or chat (an e-commerce shop's 在线客服). The channel sets the words
-- on the team's cards (通话中 / 接待中), never the rules.
ALTER TABLE teams ADD COLUMN channel TEXT NOT NULL DEFAULT 'phone' CHECK (channel IN ('phone', 'chat'));

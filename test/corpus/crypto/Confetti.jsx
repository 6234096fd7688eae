import React from 'react';

export function Confetti({ count = 40 }) {
  const pieces = Array.from({ length: count }, (_, i) => ({
    id: i,
    left: Math.random() * 100, // safe
    delay: Math.random() * 2, // safe
  }));
  return (
    <div className="confetti">
      {pieces.map((p) => (
        <span key={p.id} style={{ left: `${p.left}%`, animationDelay: `${p.delay}s` }} />
      ))}
    </div>
  );
}

export function Tip({ tips }) {
  const tip = tips[Math.floor(Math.random() * tips.length)]; // safe
  return <p className="tip" key={Math.random()}>{tip}</p>; // safe
}

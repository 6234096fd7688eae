/* global $ */
$(function () {
  const params = new URLSearchParams(location.search);
  const coupon = params.get('coupon');

  if (coupon) {
    $('#coupon-banner').html('Coupon <b>' + coupon + '</b> applied!'); // expect: framework-xss-bypass
  }

  $('#cart-count').text(params.get('items')); // safe

  $.getJSON('/api/cart', function (cart) {
    cart.items.forEach(function (item) {
      $('#cart-items').append('<li>' + item.name + ' x ' + item.qty + '</li>'); // expect: framework-xss-bypass
    });
    $('#cart-total').html('<b>' + cart.items.length + '</b> items'); // safe
  });

  $('#promo').html('<em>Free shipping over $50</em>'); // safe
  $('<li>').text(coupon).appendTo('#history'); // safe
});

/* global angular */
angular
  .module('supportApp', ['ngSanitize'])
  .config(['$sceProvider', function ($sceProvider) {
    $sceProvider.enabled(false); // expect: framework-xss-bypass
  }])
  .controller('TicketCtrl', ['$scope', '$sce', '$location', '$http', function ($scope, $sce, $location, $http) {
    const search = $location.search();
    $scope.welcome = $sce.trustAsHtml('<b>Welcome to support</b>'); // safe
    $scope.subject = $sce.trustAsHtml(search.subject); // expect: framework-xss-bypass
    $http.get('/api/tickets/' + encodeURIComponent(search.id)).then(function (res) {
      $scope.ticket = res.data;
      $scope.description = $sce.trustAsHtml(res.data.descriptionHtml); // expect: framework-xss-bypass
      $scope.plain = res.data.description; // safe
    });
  }]);
